import { exitOnStartFailure, startServer, stopOnSignals } from './server.ts';

/** `npm start`: serve the register until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const server = await startServer();
  const { config } = server;
  console.log(`CCAG register on ${server.register.store.description}`);
  console.log(`GraphQL:  ${server.url}/graphql`);
  if (config.mode === 'development') console.log(`GraphiQL: ${server.url}/graphiql`);
  if (server.tokens.count === 0) {
    console.warn(`No bearer tokens in ${server.tokens.file}: nobody can write. Create one with`);
    console.warn('  npm run ccag -- token create --principal <name> --role secretariat');
  }
  if (server.newToken) {
    console.log(`A secretariat token was created for development (shown once; its hash is in ${server.tokens.file}):`);
    console.log(`  Authorization: Bearer ${server.newToken}`);
  }
  stopOnSignals(server);
}

main().catch(exitOnStartFailure('the register'));
