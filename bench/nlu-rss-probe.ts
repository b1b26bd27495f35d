/**
 * Child process of bench/nlu.ts: loads an exported engine the way the server does (dictionary + model,
 * nothing else) and prints its resident memory after serving predictions, as JSON.
 */
import fs from 'node:fs';
import { IntentEngine } from '../bot/nlu/intent-engine.ts';

const [modelFile, textsFile] = process.argv.slice(2);
const engine = await IntentEngine.fromBytes(fs.readFileSync(modelFile!));
const texts = JSON.parse(fs.readFileSync(textsFile!, 'utf8')) as string[];
for (let round = 0; round < 3; round += 1) for (const text of texts) engine.predict(`${text} ${round}`, 'ja');
globalThis.gc?.();
const { rss, heapUsed, external } = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ rss, heapUsed, external })}\n`);
