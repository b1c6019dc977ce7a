import { GoTemplate, TemplateSyntaxError } from './go-template';

// Expected outputs are Go 1.22 text/template's for the same template and JSON-decoded data (Tyk's
// body transforms decode JSON into map[string]interface{}, so numbers are float64).
const run = (template: string, data: unknown) => new GoTemplate(template).execute(data);

describe(GoTemplate.name, () => {
  it("prints fields, Go's float formatting and <no value> for missing keys", () => {
    const data = { name: 'Ada', big: 1234567, small: 12, half: 1.5, ok: true, nested: { city: 'Paris' } };
    expect(
      run('{{.name}} {{.big}} {{.small}} {{.half}} {{.ok}} {{.nested.city}} {{.missing}}', data).output,
    ).toBe('Ada 1.234567e+06 12 1.5 true Paris <no value>');
  });

  it('ranges over lists and maps (sorted keys), with variables, and trims with {{- -}}', () => {
    const data = { items: [{ id: 1 }, { id: 2 }], tags: { b: 'y', a: 'x' } };
    expect(run('{{range $i, $e := .items}}{{$i}}:{{$e.id}} {{end}}', data).output).toBe('0:1 1:2 ');
    expect(run('{{range $k, $v := .tags}}{{$k}}={{$v}};{{end}}', data).output).toBe('a=x;b=y;');
    expect(run('[\n  {{- range .items}} {{.id}}{{end -}}\n]', data).output).toBe('[ 1 2]');
    expect(run('{{range .none}}x{{else}}empty{{end}}', data).output).toBe('empty');
  });

  it('branches with if / else if / else and with, and calls functions and pipelines', () => {
    const data = { n: 3, s: 'abc', list: [1, 2] };
    expect(run('{{if gt .n 5.0}}big{{else if eq .n 3.0}}three{{else}}small{{end}}', data).output).toBe(
      'three',
    );
    expect(run('{{with .s}}{{.}}!{{end}}{{with .absent}}x{{else}}none{{end}}', data).output).toBe('abc!none');
    expect(run('{{len .list}} {{index .list 1}} {{.s | upper}} {{printf "%s-%v" .s .n}}', data).output).toBe(
      '2 2 ABC abc-3',
    );
    expect(run('{{jsonMarshal .}}', { a: '<b>', n: 1 }).output).toBe('{"a":"\\u003cb\\u003e","n":1}');
  });

  it('refuses at parse what it cannot run, and keeps the output written before an execution error', () => {
    expect(() => new GoTemplate('{{if .a}}no end')).toThrow(TemplateSyntaxError);
    expect(() => new GoTemplate('{{nosuchfunc .a}}')).toThrow('function "nosuchfunc" not defined');
    const result = run('before {{.s.inner}} after', { s: 'text' });
    expect(result.output).toBe('before ');
    expect(result.failed).toMatch(/can't evaluate field inner/);
  });

  it('stops a template running over a hostile body after a bounded number of steps (attack: nested ranges)', () => {
    const items = Array.from({ length: 2_000 }, (_, i) => i);
    const started = performance.now();
    const result = run('{{range .a}}{{range $.a}}x{{end}}{{end}}', { a: items });
    expect(result.failed).toBe('template ran too long');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
