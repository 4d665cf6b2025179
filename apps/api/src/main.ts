import { ConfigError, loadConfig } from '@score-import/config';
import { RedisNotDurableError } from '@score-import/queue';
import { buildApp } from './app.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const app = await buildApp(config);
  await app.listen({ port: config.PORT, host: config.HOST });

  const stop = async (signal: string) => {
    app.log.info({ signal }, 'stopping: finishing in-flight requests');
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  // a refusal to start is one clear line, not a stack
  console.error(err instanceof RedisNotDurableError ? err.message : err);
  process.exit(1);
});
