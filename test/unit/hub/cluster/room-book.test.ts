import { describe, expect, it } from 'vitest';
import { emptyNodeRooms, RoomBook, type RoomChange } from '../../../../hub/cluster/room-book';
import { presenceOf } from '../../../../hub/cluster/presence';

function bookWithLog(): { book: RoomBook; changes: RoomChange[] } {
  const book = new RoomBook();
  const changes: RoomChange[] = [];
  book.onChange((change) => changes.push(change));
  return { book, changes };
}

describe('the book of who is connected, across nodes', () => {
  it('counts a room over every node, and a repeated join or leave once', () => {
    const { book, changes } = bookWithLog();
    book.join('a', 'desktops', 'user:1', 's1');
    book.join('a', 'desktops', 'user:1', 's1');
    book.join('b', 'desktops', 'user:1', 's2');
    expect(book.size('desktops', 'user:1')).toBe(2);
    book.leave('a', 'desktops', 'user:1', 's1');
    book.leave('a', 'desktops', 'user:1', 's1');
    expect(book.size('desktops', 'user:1')).toBe(1);
    expect(changes.map((change) => `${change.node}:${change.socketId}:${change.joined}`)).toEqual(['a:s1:true', 'b:s2:true', 'a:s1:false']);
  });

  it('keeps namespaces apart', () => {
    const { book } = bookWithLog();
    book.join('a', 'visitors', 'conversation:9', 'v1');
    expect(book.size('visitors', 'conversation:9')).toBe(1);
    expect(book.size('desktops', 'conversation:9')).toBe(0);
    expect(book.sockets('visitors')).toBe(1);
    expect(book.sockets('desktops')).toBe(0);
  });

  it('replaces a node by its snapshot: only the difference is told', () => {
    const { book, changes } = bookWithLog();
    book.join('a', 'desktops', 'user:1', 's1');
    book.join('a', 'desktops', 'desktops', 's1');
    book.join('a', 'desktops', 'user:2', 's2');
    changes.length = 0;
    const snapshot = emptyNodeRooms();
    snapshot.desktops.s1 = ['user:1', 'desktops', 'supervisors'];
    snapshot.desktops.s3 = ['user:3'];
    book.replace('a', snapshot);
    expect(changes.map((change) => `${change.room}:${change.joined}`).sort()).toEqual(['supervisors:true', 'user:2:false', 'user:3:true']);
    expect(book.size('desktops', 'user:2')).toBe(0);
    expect(book.size('desktops', 'desktops')).toBe(1);
  });

  it('drops a silent node with every socket it held, leaving other nodes alone', () => {
    const { book } = bookWithLog();
    book.join('a', 'desktops', 'user:1', 's1');
    book.join('b', 'desktops', 'user:1', 's2');
    book.drop('a');
    expect(book.size('desktops', 'user:1')).toBe(1);
    expect(book.nodeIds()).toEqual(['b']);
  });
});

describe('presence from the book', () => {
  it('tells of a user’s desktop joining and leaving their room, after counting it', () => {
    const book = new RoomBook();
    const presence = presenceOf(book);
    const told: string[] = [];
    presence.onDesktopJoined((userId) => told.push(`in ${userId} ${presence.desktops(`user:${userId}`)}`));
    presence.onDesktopLeft((userId) => told.push(`out ${userId} ${presence.desktops(`user:${userId}`)}`));
    book.join('a', 'desktops', 'user:7', 's1');
    book.join('b', 'desktops', 'user:7', 's2');
    book.join('a', 'desktops', 'supervisors', 's1');
    book.leave('a', 'desktops', 'user:7', 's1');
    expect(told).toEqual(['in 7 1', 'in 7 2', 'out 7 1']);
    expect(presence.connections()).toEqual({ desktop: 2, visitor: 0 });
  });
});
