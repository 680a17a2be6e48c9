// There is no Docker engine on these machines: this reads docker-compose.yml and checks the
// production shape against what the app really reads and serves.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configVariables } from '../core/config/config.js';

interface Service {
  image?: string;
  build?: string | { context: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const { services } = compose;
const nodes = ['app1', 'app2', 'worker'];

describe('docker-compose.yml', () => {
  it('has mongo, redis, two app nodes and a worker', () => {
    expect(Object.keys(services).sort()).toEqual(['app1', 'app2', 'mongo', 'redis', 'worker']);
    expect(services.mongo.image).toMatch(/^mongo:\d/);
    expect(services.redis.image).toMatch(/^redis:\d/);
  });

  it('runs MongoDB as a replica set, initiated by its healthcheck, and the app asks for it', () => {
    expect(services.mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(services.mongo.healthcheck!.test.join(' ')).toMatch(/rs\.initiate\(\{ _id: 'rs0'/);
    for (const name of nodes) expect(services[name].environment!.MONGO_URL).toMatch(/^mongodb:\/\/mongo:27017\/\w+\?replicaSet=rs0$/);
  });

  it('builds every node from the one Dockerfile, which installs, builds the UIs and runs tsx', () => {
    for (const name of nodes) {
      expect(services[name].build).toBe('.');
      expect(services[name].image).toBe(services.app1.image);
    }
    const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toMatch(/^RUN npm ci/m);
    expect(dockerfile).toMatch(/^RUN npm run build:ui/m);
    expect(dockerfile).toMatch(/^CMD \["npx", "tsx", "gateways\/main\.ts"\]/m);
    expect(services.worker.command).toEqual(['npx', 'tsx', 'workers/main.ts']);
    for (const entry of ['gateways/main.ts', 'workers/main.ts']) expect(existsSync(new URL(`../${entry}`, import.meta.url)), entry).toBe(true);
  });

  it('publishes the two app nodes on distinct ports to the container port the app listens on', () => {
    expect(services.app1.ports).toEqual(['3001:3000']);
    expect(services.app2.ports).toEqual(['3002:3000']);
    for (const name of nodes) expect(services[name].environment).toMatchObject({ PORT: '3000', HOST: '0.0.0.0' });
    expect(services.worker.ports).toBeUndefined();
  });

  it('checks health: nodes on /readyz, mongo and redis, and nodes wait for healthy stores', () => {
    for (const name of nodes) {
      expect(services[name].healthcheck!.test.join(' ')).toContain('http://127.0.0.1:3000/readyz');
      expect(services[name].depends_on).toEqual({ mongo: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    }
    expect(services.redis.healthcheck!.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(services.mongo.healthcheck!.test.join(' ')).toContain('isWritablePrimary');
  });

  it('sets only environment variables the app reads, with valid roles and the shared secrets', () => {
    for (const name of nodes) {
      const env = services[name].environment!;
      const unknown = Object.keys(env).filter((k) => !configVariables.includes(k));
      expect(unknown, name).toEqual([]);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?/);
      expect(env.SEED_DEMO).toBe('no');
    }
    expect([services.app1, services.app2, services.worker].map((s) => s.environment!.ROLE)).toEqual(['app', 'app', 'worker']);
    expect(new Set(nodes.map((n) => services[n].environment!.NODE_ID)).size).toBe(3);
  });

  it('documents every configuration variable in .env.example', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const missing = configVariables.filter((v) => !new RegExp(`^#? ?${v}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
