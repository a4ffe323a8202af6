/**
 * aedes drops a message whose broker counter is not above the last one a client received:
 * a guard against double delivery between clustered brokers. With one broker it only does
 * harm: a retained message is stored asynchronously, a later message of the same instant
 * overtakes it, and the retained one was then dropped for MQTT subscribers (found by the
 * link-parity property; the moscajs/aedes#994 family). Every client gets this empty record.
 */
export const NO_DEDUPE: object = new Proxy(
  {},
  {
    get: () => undefined,
    set: () => true,
    deleteProperty: () => true,
  },
);
