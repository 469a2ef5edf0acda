import { spawnSync } from 'node:child_process';
import { applyMemoryProfile, HEAP_GROWTH_FLAG } from '../src/memory-profile';

test("this Node's V8 knows the heap growth flag (an unknown one is only a line on stderr, so a Node upgrade that dropped it would pass silently)", () => {
  const child = spawnSync(
    process.execPath,
    ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(HEAP_GROWTH_FLAG)})`],
    { encoding: 'utf8' },
  );
  expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: '' });
});

test('a heap growth the operator passes to node (command line or NODE_OPTIONS) is kept', () => {
  expect(applyMemoryProfile(['--heap-growing-percent=50'])).toBe(false);
  expect(applyMemoryProfile(['--max-old-space-size=512 --heap_growing_percent=30'])).toBe(false);
});
