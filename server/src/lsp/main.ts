// Placeholder: the language server entry point (replaced by the LSP work).
console.error('meshwright-language-server: not built yet');
