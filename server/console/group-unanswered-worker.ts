/**
 * Worker-thread entry: groups the unanswered queue off the main thread, so an editor opening the page
 * never stalls chats or health checks. Receives `{ questions }` as workerData and posts back the groups
 * (or an error message).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { groupUnanswered, type QuestionToSort } from './group-unanswered.ts';

const { questions } = workerData as { questions: QuestionToSort[] };
try {
  parentPort?.postMessage({ ok: true, groups: groupUnanswered(questions) });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
