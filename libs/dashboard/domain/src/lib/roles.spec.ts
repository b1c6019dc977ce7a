import { allows, PERMISSIONS, permissionsOf, RESOURCES, ROLES } from './roles';

describe('role permissions', () => {
  it('gives owners everything and viewers no writes at all', () => {
    for (const resource of RESOURCES) {
      expect(allows('owner', resource, 'write')).toBe(true);
      expect(allows('viewer', resource, 'write')).toBe(false);
    }
  });

  it('lets only owners change the organisation itself', () => {
    expect(ROLES.filter((role) => allows(role, 'org', 'write'))).toEqual(['owner']);
  });

  it('scopes editors and key managers to their resources', () => {
    expect(allows('api-editor', 'apis', 'write')).toBe(true);
    expect(allows('api-editor', 'keys', 'write')).toBe(false);
    expect(allows('key-manager', 'keys', 'write')).toBe(true);
    expect(allows('key-manager', 'apis', 'write')).toBe(false);
  });

  it('shows the audit trail to owners, admins and analysts only', () => {
    expect(ROLES.filter((role) => allows(role, 'audit', 'read'))).toEqual(['owner', 'admin', 'analyst']);
  });

  it('lets every write imply read', () => {
    for (const role of ROLES) {
      for (const [resource, verbs] of Object.entries(PERMISSIONS[role])) {
        if (verbs?.includes('write')) expect(verbs).toContain('read');
        expect(resource).toBeTruthy();
      }
    }
  });

  it('lists what a role may do as resource:verb, exactly what allows() grants', () => {
    expect(permissionsOf('key-manager')).toContain('keys:write');
    expect(permissionsOf('key-manager')).not.toContain('apis:write');
    for (const role of ROLES) {
      const granted = RESOURCES.flatMap((resource) =>
        (['read', 'write'] as const)
          .filter((verb) => allows(role, resource, verb))
          .map((verb) => `${resource}:${verb}`),
      );
      expect(permissionsOf(role)).toEqual(granted);
    }
  });
});
