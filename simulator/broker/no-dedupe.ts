/**
 * aedes drops a message whose broker counter is not above the last one a client received:
 * a guard against double delivery between clustered brokers. With one broker it only does
 * harm: a retained message is stored asynchronously, a later message of the same instant
 * overtakes it, and the retained one was then dropped for MQTT subscribers (found by the
 * link-parity property; the moscajs/aedes#994 family). Every client gets this empty record.
 *
 * A side effect, allowed by MQTT-3.3.5-1: a client whose subscriptions overlap (homes/h1/#
 * and homes/h1/devices/+/events) gets one copy per matching subscription, where aedes' record
 * would have let only the first through. Each copy carries its own subscription's QoS
 * (granted-qos.ts; docs/mqtt-conformance.md).
 */
export const NO_DEDUPE: object = new Proxy(
  {},
  {
    get: () => undefined,
    set: () => true,
    deleteProperty: () => true,
  },
);
