// One app node of a chaos run: bench/app-node.ts (the real core, HTTP and Socket.IO gateways, here
// over STORE=remote and Redis), made disposable: it dies at once with the harness, however the
// harness ends (IPC channel closed, or re-parented after a kill -9), instead of draining.
const parent = process.ppid;
const die = () => process.exit(1);
process.on('disconnect', die);
setInterval(() => process.ppid !== parent && die(), 250).unref();
await import('./app-node.js');
