// DataEye browser SDK, ES module entry. docs/features/sdk-js.md
import { Autocapture } from './autocapture.js';
import { DataEyeClient, VERSION } from './client.js';

export { DataEyeClient, VERSION };

/** Starts the SDK on this page: `init({ serverUrl, writeKey, … })`. */
export function init(config, env) {
  return new DataEyeClient(config, { Autocapture, ...env });
}
