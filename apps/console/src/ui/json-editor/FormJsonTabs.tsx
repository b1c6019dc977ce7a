import { Tabs } from 'radix-ui';
import type { ReactNode } from 'react';

import type { EditorTab } from './use-form-json-sync';
import './form-json-tabs.css';

interface FormJsonTabsProps {
  tab: EditorTab;
  onTabChange: (tab: EditorTab) => void;
  /** Why the switch back to the form was refused (invalid JSON). */
  switchError?: string;
  form: ReactNode;
  json: ReactNode;
  /** Without a form (e.g. a Tyk OAS definition), only the JSON tab is offered. */
  formDisabled?: boolean;
}

/** "Form" and "JSON" views of one document; the caller keeps them in sync (useFormJsonSync). */
export function FormJsonTabs({ tab, onTabChange, switchError, form, json, formDisabled }: FormJsonTabsProps) {
  return (
    <Tabs.Root
      className="form-json-tabs"
      value={tab}
      onValueChange={(value) => onTabChange(value === 'json' ? 'json' : 'form')}
    >
      <Tabs.List aria-label="Edit as">
        <Tabs.Trigger value="form" disabled={formDisabled}>
          Form
        </Tabs.Trigger>
        <Tabs.Trigger value="json">JSON</Tabs.Trigger>
      </Tabs.List>
      {switchError ? (
        <p className="error-text" role="alert">
          {switchError}
        </p>
      ) : null}
      <Tabs.Content value="form">{form}</Tabs.Content>
      <Tabs.Content value="json">{json}</Tabs.Content>
    </Tabs.Root>
  );
}
