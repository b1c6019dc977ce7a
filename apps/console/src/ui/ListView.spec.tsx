import type { UseQueryResult } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { Page } from '../api/client';
import { listColumns } from './DataTable';
import { ListView } from './ListView';

interface Row {
  id: string;
}

const column = listColumns<Row>();
const columns = column.columns([column.accessor('id', { header: 'Id' })]);

function loaded(page: Page<Row>): UseQueryResult<Page<Row>> {
  return { isPending: false, isError: false, data: page } as UseQueryResult<Page<Row>>;
}

function renderList(page: Page<Row>, pageIndex: number | undefined, onPageChange = jest.fn()) {
  render(
    <ListView
      list={loaded(page)}
      what="rows"
      errorTitle="Rows could not be loaded"
      caption="Rows"
      columns={columns}
      rowId={(row) => row.id}
      page={pageIndex}
      onPageChange={onPageChange}
    />,
  );
  return onPageChange;
}

describe('ListView', () => {
  it('shows a page of rows with its place in the total', () => {
    renderList({ items: [{ id: 'a' }, { id: 'b' }], total: 52 }, 1);
    expect(screen.getByRole('cell', { name: 'a' })).toBeTruthy();
    expect(screen.getByText('51–52 of 52')).toBeTruthy();
  });

  it('offers the way back from a page past the end (an old link, or entries deleted meanwhile)', async () => {
    const onPageChange = renderList({ items: [], total: 12 }, 99);
    expect(screen.getByText('This page is past the end of the list (12 entries).')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Go to the first page' }));
    expect(onPageChange).toHaveBeenCalledWith(undefined);
  });
});
