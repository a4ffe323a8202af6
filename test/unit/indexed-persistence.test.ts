import { describe, expect, it } from 'vitest';
import { createIndexedPersistence } from '../../simulator/broker/indexed-persistence.js';

interface Store {
  storeRetained(packet: object): Promise<void>;
}

/** Stores as aedes 1.2 does (storeRetained(packet), awaited). */
function store(persistence: Store, topic: string, payload: string): Promise<void> {
  return persistence.storeRetained({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 0, retain: true, dup: false });
}

describe('retained messages indexed by home', () => {
  it('answers a home-scoped filter by MQTT matching, an empty level included (MQTT-4.7.1-3)', async () => {
    const persistence = createIndexedPersistence();
    const aedesSide = persistence.forAedes as Store;
    await store(aedesSide, 'homes/h1//x', 'empty level');
    await store(aedesSide, 'homes/h1/devices/d1/status', 'status');
    await store(aedesSide, 'homes/h2/devices/d1/status', 'other home');
    const topics = (filter: string) => persistence.retainedForHomeFilter(filter)?.map((p) => p.topic).sort();
    expect(topics('homes/h1/+/x')).toEqual(['homes/h1//x']);
    expect(topics('homes/h1/#')).toEqual(['homes/h1//x', 'homes/h1/devices/d1/status']);
    expect(topics('homes/h1/devices/+/status')).toEqual(['homes/h1/devices/d1/status']);
    expect(topics('homes/+/devices/d1/status')).toBeUndefined(); // not home-scoped: aedes' own scan answers
  });

  it('forgets a retained message when an empty payload clears it', async () => {
    const persistence = createIndexedPersistence();
    const aedesSide = persistence.forAedes as Store;
    await store(aedesSide, 'homes/h1/devices/d1/status', 'online');
    await store(aedesSide, 'homes/h1/devices/d1/status', '');
    expect(persistence.retainedForHomeFilter('homes/h1/#')).toEqual([]);
  });
});
