import type { TestProject } from 'vitest/node';
import { BROWSERS, browserPath, extensionDir } from '../harness/browsers';
import { buildFixtures } from '../harness/fixtures';
import { serveStatic } from '../harness/server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Checks browsers and build up front (one clear message), and serves the fixture pages. */
export default async function setup(project: TestProject) {
  for (const name of BROWSERS) {
    browserPath(name);
    extensionDir(name);
  }
  await buildFixtures();
  const server = await serveStatic();
  project.provide('baseUrl', server.url);
  return () => server.close();
}
