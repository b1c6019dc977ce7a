import type { DocumentStore, TykDocument } from '@gatehouse/gateway-core';
import { InvalidInputError } from '@gatehouse/shared-kernel';

/** Stands in for app_path / policy_path when the config sets none: nothing to load, writes refused. */
export class UnconfiguredStore implements DocumentStore {
  constructor(private readonly setting: string) {}

  async readAll() {
    return { loaded: [], errors: [] };
  }

  async list(): Promise<TykDocument[]> {
    return [];
  }

  async get(): Promise<TykDocument | undefined> {
    return undefined;
  }

  async save(): Promise<void> {
    throw new InvalidInputError([
      { path: this.setting, message: `${this.setting} is not set in the gateway config` },
    ]);
  }

  async delete(): Promise<boolean> {
    return false;
  }
}
