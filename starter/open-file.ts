// Generated from reference/open-file.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * What an fd names: the type that the fd table (fd-table.ts) and each kind of file it holds
 * (socket.ts) share, in a file of its own so that neither imports the other for it.
 */

/** Anything an fd can name. Each says what it is, so that a socket call on another kind of fd fails cleanly. */
export interface OpenFile {
  /** Sockets now; epoll instances join them in milestone 5. */
  readonly fileType: 'socket' | 'epoll';
  /** Release what the file holds; its fd is already free. */
  close(): void;
}
