import { startServer } from './server.ts';
import { isRegisterError } from './core/errors.ts';

/** `npm start`: serve the register until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const server = await startServer();
  const { config } = server;
  console.log(`CCAG register on ${server.register.store.description}`);
  console.log(`GraphQL:  ${server.url}/graphql`);
  if (config.mode === 'development') console.log(`GraphiQL: ${server.url}/graphiql`);
  if (server.tokens.count === 0) {
    console.warn(`No bearer tokens in ${server.tokens.file}: nobody can write. Create one with`);
    console.warn('  npm run ccag -- token create --principal <name> --role secretariat   (then restart)');
  }
  if (server.newToken) {
    console.log(`A secretariat token was created for development (shown once; its hash is in ${server.tokens.file}):`);
    console.log(`  Authorization: Bearer ${server.newToken}`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (isRegisterError(error)) console.error(`Cannot start: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
