import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { ApiError } from '../../api/api-error';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/generated/dashboard-api';
import { Field } from '../../ui/Field';
import { ErrorMessage } from '../../ui/QueryState';
import { GROUPS_QUERY, groupQueryKey } from './gateway-api';
import { groupFormSchema, groupToBody, groupToForm, type GroupForm } from './group-form';

type GatewayGroup = components['schemas']['GatewayGroup'];

interface GroupFormDialogProps {
  /** The group to edit; none to create one. */
  group?: GatewayGroup;
  /** The button that opens the dialog. */
  label: string;
  onSaved: (group: GatewayGroup) => void;
}

function GroupFormBody({ group, onSaved }: { group?: GatewayGroup; onSaved: (group: GatewayGroup) => void }) {
  const queryClient = useQueryClient();
  const form = useForm<GroupForm>({
    resolver: zodResolver(groupFormSchema),
    defaultValues: groupToForm(group),
  });
  const save = useMutation({
    mutationFn: (values: GroupForm) => {
      const body = groupToBody(values);
      return unwrap(
        group
          ? api.PUT('/api/v1/gateway-groups/{id}', { params: { path: { id: group.groupId } }, body })
          : api.POST('/api/v1/gateway-groups', { body }),
      );
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(groupQueryKey(saved.groupId), saved);
      await queryClient.invalidateQueries({ queryKey: GROUPS_QUERY, exact: true });
      onSaved(saved);
    },
  });
  const { errors } = form.formState;
  const issue = (field: keyof GroupForm) =>
    errors[field]?.message ?? (save.error instanceof ApiError ? save.error.issueAt(field) : undefined);

  return (
    <form onSubmit={(event) => void form.handleSubmit((values) => save.mutate(values))(event)} noValidate>
      <Field
        label="Id"
        error={issue('groupId')}
        hint={group ? 'Node tokens are bound to it, so it stays.' : undefined}
      >
        <input {...form.register('groupId')} readOnly={group !== undefined} autoComplete="off" />
      </Field>
      <Field label="Name" error={issue('name')}>
        <input {...form.register('name')} autoComplete="off" />
      </Field>
      <Field label="Region" error={issue('region')} hint="e.g. eu-west">
        <input {...form.register('region')} autoComplete="off" />
      </Field>
      <Field
        label="Tags"
        error={issue('tags')}
        hint="Comma-separated. The group serves APIs sharing a tag with it; without tags it serves every API."
      >
        <input {...form.register('tags')} autoComplete="off" />
      </Field>
      {save.isError ? <ErrorMessage error={save.error} title="Could not save the group" /> : null}
      <div className="dialog-actions">
        <Dialog.Close asChild>
          <button type="button">Cancel</button>
        </Dialog.Close>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

/** Creates or edits a gateway group in a dialog; the API's message shows on the field it names. */
export function GroupFormDialog({ group, label, onSaved }: GroupFormDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button" className={group ? undefined : 'primary'}>
          {label}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>{group ? `Edit ${group.name}` : 'Create gateway group'}</Dialog.Title>
          <Dialog.Description className="muted">
            A group is a cluster of gateways, usually one per region, sharing config and node tokens.
          </Dialog.Description>
          <GroupFormBody
            group={group}
            onSaved={(saved) => {
              setOpen(false);
              onSaved(saved);
            }}
          />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
