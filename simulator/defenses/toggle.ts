import type { Cloud } from '../cloud/cloud.js';
import type { World } from '../core/world.js';
import { definitionOf, isDefenseName, type DefenseName } from './catalog.js';
import type { BrokerChokePoint, Defense } from './defense.js';
import { installedDefense, registerLate } from './installed.js';
import { configureDefenses } from './parse.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    /** A defence switched on or off during a run (the classroom's toggles); a replay applies it at the same virtual time. */
    'demo.defense-toggled': { name: string; on: boolean };
  }
}

/**
 * Switching a defence on or off while a run goes on (the classroom demo), small and additive
 * to installDefenses: switching off unplugs the defence's hooks from its choke point and
 * keeps the instance (its counters stay in the report); switching on plugs the same instance
 * back in, or builds the defence with its default parameters. A stage switched on mid-run
 * goes last in the login pipeline rather than at its INSTALL_ORDER place, which is why a
 * toggled run is only reproduced by replaying the same toggles (demo/replay.ts), never by
 * naming the defence from the start. Every switch is an event in the log.
 */
export class DefenseToggles {
  private readonly off = new Set<string>();

  constructor(private readonly cloud: Cloud, private readonly world: World, private readonly broker: BrokerChokePoint | undefined) {}

  /** Whether `name` acts now. */
  isOn(name: string): boolean {
    return installedDefense(this.cloud, name) !== undefined && !this.off.has(name);
  }

  /** Switches `name` on or off; false (and no event) when it already was. Throws on an unknown name. */
  set(name: string, on: boolean): boolean {
    if (!isDefenseName(name)) throw new Error(`unknown defence "${name}"`);
    if (this.isOn(name) === on) return false;
    let defense = installedDefense(this.cloud, name);
    if (on) {
      if (!defense) {
        defense = this.build(name);
        registerLate(this.cloud, defense);
      }
      this.plug(defense);
      this.off.delete(name);
    } else {
      this.unplug(defense!);
      this.off.add(name);
    }
    this.world.log.emit('demo.defense-toggled', { name, on });
    return true;
  }

  private build(name: DefenseName): Defense {
    const definition = definitionOf(name);
    if (definition.layer === 'broker' && !this.broker) throw new Error(`${name} is a broker defence and this world has no broker`);
    const [configured] = configureDefenses([{ name } as never]);
    return definition.create({ cloud: this.cloud, world: this.world, pipeline: this.cloud.login, broker: this.broker }, configured!.params as never);
  }

  private plug(defense: Defense): void {
    if (defense.login) this.cloud.login.use(defense.login);
    if (defense.broker) this.broker?.policies.push(defense.broker);
    if (defense.staff) this.cloud.staffAccess.policies.push(defense.staff);
    if (defense.data) this.cloud.data.policies.push(defense.data);
  }

  private unplug(defense: Defense): void {
    if (defense.login) this.cloud.login.remove(defense.login);
    if (defense.broker && this.broker) removeFrom(this.broker.policies, defense.broker);
    if (defense.staff) removeFrom(this.cloud.staffAccess.policies, defense.staff);
    if (defense.data) removeFrom(this.cloud.data.policies, defense.data);
  }
}

function removeFrom<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}
