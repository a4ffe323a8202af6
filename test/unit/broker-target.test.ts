import { describe, expect, it } from 'vitest';
import { brokerUrl, externalBrokerTarget, isLoopbackHost } from '../../simulator/broker/external/broker-target.js';
import { InputError } from '../../simulator/runner/input-error.js';

describe('--broker URL', () => {
  it('takes loopback brokers, with 1883 when no port is given', () => {
    expect(brokerUrl('mqtt://127.0.0.1:18830')).toBe('mqtt://127.0.0.1:18830');
    expect(brokerUrl('mqtt://localhost')).toBe('mqtt://localhost:1883');
    expect(brokerUrl('mqtt://[::1]:1884')).toBe('mqtt://[::1]:1884');
    expect(brokerUrl('mqtt://127.8.9.10:1')).toBe('mqtt://127.8.9.10:1');
  });

  it('refuses a host off loopback unless --allow-remote-broker names exactly that host', () => {
    expect(() => brokerUrl('mqtt://10.0.0.5:1883')).toThrow(/--broker: "mqtt:\/\/10\.0\.0\.5:1883" is not a loopback broker.*--allow-remote-broker 10\.0\.0\.5/);
    expect(() => brokerUrl('mqtt://broker.example:1883', '10.0.0.5')).toThrow(InputError);
    expect(() => brokerUrl('mqtt://128.0.0.1:1883')).toThrow(/not a loopback/);
    expect(brokerUrl('mqtt://10.0.0.5:1883', '10.0.0.5')).toBe('mqtt://10.0.0.5:1883');
    expect(isLoopbackHost('127.0.0.1.example')).toBe(false);
  });

  it('refuses what is not mqtt://HOST:PORT, naming the flag and the value', () => {
    for (const bad of ['127.0.0.1:1883', 'mqtts://127.0.0.1:8883', 'ws://127.0.0.1:8080', 'mqtt://u:p@127.0.0.1:1883', 'mqtt://127.0.0.1:1883/x', 'mqtt://127.0.0.1:99999', '']) {
      expect(() => brokerUrl(bad), bad).toThrow(InputError);
      expect(() => brokerUrl(bad), bad).toThrow(/^--broker: /);
    }
  });

  it('wants --broker-credentials with --broker, and neither companion flag without it', () => {
    expect(externalBrokerTarget({})).toBeUndefined();
    expect(() => externalBrokerTarget({ broker: 'mqtt://127.0.0.1:1883' })).toThrow(/--broker-credentials: required/);
    expect(() => externalBrokerTarget({ credentials: 'c.json' })).toThrow(/--broker-credentials: only with --broker/);
    expect(() => externalBrokerTarget({ allowRemote: 'h' })).toThrow(/--allow-remote-broker: only with --broker/);
    expect(() => externalBrokerTarget({ broker: 'mqtt://127.0.0.1:1883', credentials: '/nonexistent/credentials.json' })).toThrow(/--broker-credentials: no file/);
  });
});
