/**
 * What the LINE account-link end-to-end tests (over HTTP and in Chromium) run against: the real app with
 * the demo shop on a loopback port, its LINE channel pointed at the stand-in platform, whose
 * account-link dialog posts its event back to the app. The flow engine and corpus answer, so
 * 「アカウント連携」 offers the link and the linked user's questions reach the demo shop.
 */
import { FLOW_CORPUS, flowEngine } from './flow-corpus.ts';
import { LinePlatformStandIn, lineEnv } from './line-platform-stand-in.ts';
import { freePort } from './server-process.ts';
import { TEST_SHOPPER_SECRET } from './shopper-tokens.ts';
import { type BuiltTestApp, buildTestApp } from './test-app.ts';

/** The running app and platform stand-in. */
export interface LineAccountLinkSetup {
  platform: LinePlatformStandIn;
  app: BuiltTestApp;
  /** The app's base URL, also its PUBLIC_URL (the links it offers start with it). */
  appUrl: string;
  /** Closes the app, then stops the stand-in. */
  close(): Promise<void>;
}

/** Starts the stand-in and the app; on a failure, stops what was started and rethrows. */
export async function startLineAccountLinkSetup(): Promise<LineAccountLinkSetup> {
  const platform = await new LinePlatformStandIn().start();
  try {
    // PUBLIC_URL must name the port before the app starts, so the port is chosen first.
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    const app = await buildTestApp({
      env: {
        ...lineEnv(platform),
        PUBLIC_URL: appUrl,
        LINE_ACCESS_BASE_URL: platform.url,
        SHOPPER_TOKEN_SECRET: TEST_SHOPPER_SECRET,
        DEMO_SHOP: '1',
      },
      prepared: { engine: await flowEngine(), corpus: FLOW_CORPUS },
    });
    try {
      await app.fastify.listen({ port, host: '127.0.0.1' });
    } catch (error) {
      await app.close();
      throw error;
    }
    platform.botUrl = appUrl;
    return {
      platform,
      app,
      appUrl,
      async close() {
        await app.close();
        await platform.stop();
      },
    };
  } catch (error) {
    await platform.stop();
    throw error;
  }
}
