import type { BrokerPolicy } from './policy.js';

/**
 * `$`-topics (`$SYS/#`) belong to the broker and to in-process services: no device, owner
 * or observer may subscribe to them or receive them. aedes publishes `$SYS/<id>/new/clients`
 * (the client id of every connection) and `$SYS/<id>/heartbeat`, and grants `$SYS/#` to any
 * client that asks; nmap's mqtt-subscribe reads the broker's name and version there. The
 * check itself is SimBroker's (checkSubscribeAs, forwardAllowed), where it always was, so a
 * refusal keeps the reason it always had ('$-topics are reserved'); this policy only says it
 * is installed. Mosquitto's equivalent: `sys_interval 0` (no $SYS tree) and no ACL grant.
 */
export const sysTopicsClosedPolicy: BrokerPolicy = {
  name: 'sys-topics-closed',
  closesSysTopics: true,
};
