import { act, renderHook } from '@testing-library/react';
import { useForm } from 'react-hook-form';

import { useFormJsonSync } from './use-form-json-sync';
import type { JsonObject } from './json-document';

interface Values {
  name: string;
}
const toForm = (document: JsonObject): Values => ({ name: String(document['name'] ?? '') });
const fromForm = (document: JsonObject, values: Values): JsonObject => ({ ...document, name: values.name });

function setup() {
  return renderHook(() => {
    const form = useForm<Values>({ defaultValues: { name: 'Orders' } });
    return { form, sut: useFormJsonSync(form, { name: 'Orders', extra: 1 }, { toForm, fromForm }) };
  });
}

describe(useFormJsonSync.name, () => {
  it('writes form edits into the JSON, and JSON edits back into the form', () => {
    const { result } = setup();
    act(() => result.current.form.setValue('name', 'Billing'));
    act(() => result.current.sut.switchTo('json'));
    expect(JSON.parse(result.current.sut.text)).toEqual({ name: 'Billing', extra: 1 });

    act(() => result.current.sut.setText('{"name": "Pets", "extra": 2, "more": true}'));
    act(() => result.current.sut.switchTo('form'));
    expect(result.current.sut.tab).toBe('form');
    expect(result.current.form.getValues()).toEqual({ name: 'Pets' });
    expect(result.current.sut.document).toEqual({ name: 'Pets', extra: 2, more: true });
  });

  it('keeps you on the JSON tab, saying why, while the JSON is invalid', () => {
    const { result } = setup();
    act(() => result.current.sut.switchTo('json'));
    act(() => result.current.sut.setText('{"name": '));
    act(() => result.current.sut.switchTo('form'));
    expect(result.current.sut.tab).toBe('json');
    expect(result.current.sut.jsonError).toMatch(/not valid.*Fix it before going back/);
    expect(result.current.form.getValues()).toEqual({ name: 'Orders' });
  });
});
