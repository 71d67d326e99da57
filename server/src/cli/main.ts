// Placeholder: the CLI entry point (replaced by the CLI work).
console.error('meshwright: not built yet');
