import { watch as watchFolder, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SupergraphSource } from './SupergraphSource.js';

/** How long a burst of file events must stay quiet before the file is read: one write often raises several. */
const DEBOUNCE_MS = 100;

/**
 * A supergraph file. It is watched through its folder, so a file replaced by a rename (how deployments and editors
 * write) is seen as well as one written in place; since `fs.watch` misses events on some file systems (network
 * mounts, some containers), the file is also read every poll interval. Each read returns the whole text: the
 * caller compares versions, so a file touched without a change does nothing.
 */
export function fileSupergraphSource(file: string): SupergraphSource {
  return {
    description: file,
    read: () => readFile(file, 'utf8'),
    watch(onChange, intervalMs) {
      let debounce: NodeJS.Timeout | undefined;
      const changed = () => {
        clearTimeout(debounce);
        debounce = setTimeout(onChange, DEBOUNCE_MS).unref();
      };
      let watcher: FSWatcher | undefined;
      try {
        watcher = watchFolder(path.dirname(file), (_event, name) => {
          if (name === null || name === path.basename(file)) changed();
        });
        // A folder that goes away stops the watcher; the poll below still runs.
        watcher.on('error', () => watcher?.close());
        watcher.unref();
      } catch {
        // The poll alone watches this file system.
      }
      const poll = setInterval(onChange, intervalMs).unref();
      return () => {
        clearTimeout(debounce);
        clearInterval(poll);
        watcher?.close();
      };
    },
  };
}
