/**
 * The benchmark's CPU accounting of the database: the processes of one command name are found in /proc
 * with their CPU time, and the CPU between two readings counts only processes seen in both, so that a
 * process that ended or started in between neither goes negative nor brings its whole past.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuMsBetween, readCommandCpuMs } from '../../../bench/load/server-process.ts';

describe('readCommandCpuMs', () => {
  it('finds this process under its command name, with the CPU it has used', () => {
    const command = fs.readFileSync('/proc/self/comm', 'utf8').trim();
    const reading = readCommandCpuMs(command);
    expect(reading.get(process.pid)).toBeGreaterThan(0);
  });

  it('finds nothing for a command no process has', () => {
    expect(readCommandCpuMs('no-such-command-here').size).toBe(0);
  });
});

describe('cpuMsBetween', () => {
  it('sums what each process used between the readings', () => {
    const before = new Map([
      [10, 1_000],
      [11, 50],
    ]);
    const after = new Map([
      [10, 1_250],
      [11, 80],
    ]);
    expect(cpuMsBetween(before, after)).toBe(280);
  });

  it('leaves out a process that ended and one that started in between', () => {
    const before = new Map([
      [10, 1_000],
      [12, 400],
    ]);
    const after = new Map([
      [10, 1_100],
      [13, 9_000],
    ]);
    expect(cpuMsBetween(before, after)).toBe(100);
  });

  it('counts nothing for a pid reused by a younger process with less CPU', () => {
    expect(cpuMsBetween(new Map([[10, 5_000]]), new Map([[10, 20]]))).toBe(0);
  });
});
