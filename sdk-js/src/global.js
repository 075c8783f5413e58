// Script-tag entry: window.DataEye.init({...}).
import { DataEyeClient, init, VERSION } from './index.js';

globalThis.DataEye = { init, DataEyeClient, VERSION };
