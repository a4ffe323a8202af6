import type { z } from 'zod';
import { deviceKinds } from './catalog.js';

/** One parameter of a kind as `smarthome-sim list` shows it. */
export interface DeviceParameterListing {
  /** Dotted, as `--set` takes it: `doorbell.motionPerDay`. */
  readonly name: string;
  readonly default: unknown;
  /** What it is and where the default comes from (the schema's `describe`). */
  readonly description: string | undefined;
}

export interface DeviceKindListing {
  readonly kind: string;
  readonly summary: string;
  readonly publishes: readonly string[];
  readonly commands: readonly string[];
  /** Capabilities it has (`liveView`, `speaker`), in a fixed order. */
  readonly capabilities: readonly string[];
  readonly metrics: readonly string[];
  readonly parameters: readonly DeviceParameterListing[];
}

/** The device catalogue as it stands (built-in and registered kinds), for the CLI's `list`. */
export function listDeviceCatalog(): DeviceKindListing[] {
  return deviceKinds().map(({ definition }) => {
    const schema = definition.params as z.ZodObject;
    const defaults = schema.parse({}) as Record<string, unknown>;
    const parameters = Object.entries(schema.shape).map(([field, fieldSchema]) => ({
      name: `${definition.name}.${field}`,
      default: defaults[field],
      description: (fieldSchema as z.ZodType).description,
    }));
    const capabilities = Object.entries(definition.capabilities ?? {})
      .filter(([, has]) => has === true)
      .map(([capability]) => capability)
      .sort();
    return {
      kind: definition.name,
      summary: definition.summary,
      publishes: [...definition.publishes],
      commands: [...definition.commands],
      capabilities,
      metrics: [...definition.metrics],
      parameters,
    };
  });
}
