import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredEnvironment, serverConfigFromEnv, storeOptionsFromEnv } from './config';

const file = (content: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'headstamp-config-')), 'headstamp.config.json');
  writeFileSync(path, content);
  return path;
};

describe('configuration', () => {
  it('uses the embedded store unless DATABASE_URL names a server', () => {
    expect(storeOptionsFromEnv({ HEADSTAMP_DATA_DIR: 'memory://' })).toEqual({ dataDir: 'memory://' });
    expect(storeOptionsFromEnv({ DATABASE_URL: 'postgres://u@h/db' })).toEqual({
      databaseUrl: 'postgres://u@h/db',
    });
  });

  it('reads a configuration file, which the environment overrides', () => {
    const path = file('{"HEADSTAMP_PORT": 9000, "HEADSTAMP_HOST": "0.0.0.0"}');
    const env = configuredEnvironment({ HEADSTAMP_CONFIG: path, HEADSTAMP_PORT: '9100' });
    expect(serverConfigFromEnv(env)).toMatchObject({ host: '0.0.0.0', port: 9100 });
  });

  it('refuses a configuration file with unknown settings or bad JSON, and bad values, naming them', () => {
    expect(() => configuredEnvironment({ HEADSTAMP_CONFIG: file('{"PATH": "/tmp"}') })).toThrow(
      /not a Headstamp setting: PATH/,
    );
    expect(() => configuredEnvironment({ HEADSTAMP_CONFIG: file('{"HEADSTAMP_PORT": ') })).toThrow(
      /cannot read/,
    );
    expect(() => serverConfigFromEnv({ HEADSTAMP_PORT: 'eighty' })).toThrow(/HEADSTAMP_PORT/);
    expect(() => serverConfigFromEnv({ HEADSTAMP_SECRET: 'short' })).toThrow(/HEADSTAMP_SECRET/);
  });
});
