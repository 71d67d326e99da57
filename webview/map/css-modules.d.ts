// esbuild bundles imported stylesheets into dist/webview/map.css (loaded by the page's <link>).
declare module '*.css';
