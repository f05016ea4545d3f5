import { createSocket, type RemoteInfo } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/** What a name holds in the test zone. */
export interface DnsEntry {
  /** CAA records: flags, tag and value. */
  caa?: { flags?: number; tag: string; value: string }[];
  /** An alias: a CAA question is answered with it alone, as an authoritative server does. */
  cname?: string;
  /** Every question about the name fails with SERVFAIL. */
  servfail?: boolean;
}

export interface DnsServer {
  /** `127.0.0.1:port`, as Node's resolver and `TCS_DNS_SERVER` take it. */
  address: string;
  zone: Map<string, DnsEntry>;
  /** Questions asked, as `name TYPE`. */
  asked: string[];
  close(): Promise<void>;
}

const typeCaa = 257;
const typeCname = 5;

function readName(message: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let position = offset;
  for (;;) {
    const length = message[position]!;
    if (length === 0) return { name: labels.join('.').toLowerCase(), end: position + 1 };
    labels.push(message.subarray(position + 1, position + 1 + length).toString('latin1'));
    position += 1 + length;
  }
}

function nameBytes(name: string): Buffer {
  const parts = name.replace(/\.$/, '').split('.').filter((label) => label !== '');
  return Buffer.concat([...parts.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')])), Buffer.from([0])]);
}

function record(owner: Buffer, type: number, data: Buffer): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(1, 2);
  fixed.writeUInt32BE(60, 4);
  fixed.writeUInt16BE(data.length, 8);
  return Buffer.concat([owner, fixed, data]);
}

function caaData(entry: { flags?: number; tag: string; value: string }): Buffer {
  return Buffer.concat([Buffer.from([entry.flags ?? 0, entry.tag.length]), Buffer.from(entry.tag, 'latin1'), Buffer.from(entry.value, 'latin1')]);
}

/**
 * A minimal DNS server on 127.0.0.1 over UDP for one zone: CAA and CNAME
 * questions about the names it holds, NODATA for a name that exists without
 * the record (or lies above one that does), NXDOMAIN for every other name.
 * It answers at once, so no test waits on a time-out.
 */
export async function startDnsServer(zone: Record<string, DnsEntry> = {}): Promise<DnsServer> {
  const entries = new Map(Object.entries(zone).map(([name, entry]) => [name.toLowerCase(), entry]));
  const asked: string[] = [];
  const socket = createSocket('udp4');

  const answer = (query: Buffer): Buffer => {
    const id = query.readUInt16BE(0);
    const recursion = query.readUInt16BE(2) & 0x0100;
    const { name, end } = readName(query, 12);
    const type = query.readUInt16BE(end);
    asked.push(`${name} ${type === typeCaa ? 'CAA' : type === typeCname ? 'CNAME' : type}`);
    const question = query.subarray(12, end + 4);
    const entry = entries.get(name);
    const exists = entry !== undefined || [...entries.keys()].some((known) => known.endsWith(`.${name}`));
    let rcode = exists ? 0 : 3;
    const answers: Buffer[] = [];
    const owner = Buffer.from([0xc0, 0x0c]);
    if (entry?.servfail === true) rcode = 2;
    else if (entry?.cname !== undefined && (type === typeCname || type === typeCaa)) answers.push(record(owner, typeCname, nameBytes(entry.cname)));
    else if (type === typeCaa) for (const caa of entry?.caa ?? []) answers.push(record(owner, typeCaa, caaData(caa)));
    const header = Buffer.alloc(12);
    header.writeUInt16BE(id, 0);
    header.writeUInt16BE(0x8000 | 0x0400 | recursion | 0x0080 | rcode, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    return Buffer.concat([header, question, ...answers]);
  };

  socket.on('message', (query: Buffer, from: RemoteInfo) => {
    try {
      socket.send(answer(query), from.port, from.address);
    } catch {
      // A question the server cannot read goes unanswered.
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(socket.address() as AddressInfo).port}`,
    zone: entries,
    asked,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
