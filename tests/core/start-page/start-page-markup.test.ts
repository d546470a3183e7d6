import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  ROWS_MARK,
  rowToken,
  startPageSnapshotSchema,
  type StartPageSnapshot
} from '../../../electron/core/start-page/start-page'

/** What the renderer saved after painting the list in Chromium (zh-CN, 300 customers). */
const PAINTED = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'start-page-painted.json'), 'utf8')
) as StartPageSnapshot

const TABLE = (rows: string): string =>
  `<table class="customer-table"><tbody>${rows}</tbody></table>`
const ROW = `<tr class="row" data-id="${rowToken('id')}"><td title="${rowToken('name')}"><a href="#/customers/${rowToken('id')}">${rowToken('name')}</a><!----></td></tr>`

function accepts(over: Partial<StartPageSnapshot>): boolean {
  return startPageSnapshotSchema.safeParse({ ...PAINTED, ...over }).success
}

describe('the start page picture markup', () => {
  it('accepts the shell and rows the renderer saves from the painted list', () => {
    expect(accepts({})).toBe(true)
    expect(accepts({ shell: `<div class="shell">${TABLE(ROWS_MARK)}</div>`, rowOther: ROW })).toBe(
      true
    )
  })

  it('refuses markup that would leave the picture or reach the rest of the page', () => {
    const shells = [
      // closes the picture early: what follows is neither inert nor removed with it
      `</div><a href="https://evil.example/">x</a><div>${TABLE(ROWS_MARK)}`,
      // leaves the picture open: the app's root would be parsed inside it (and removed with it)
      `<div>${TABLE(ROWS_MARK)}`,
      // elements the parser closes for the next one, so that a later </div> closes the picture
      `<ul><li><div><li></li></div></li></ul>${TABLE(ROWS_MARK)}`,
      `<button><div><button></button></div></button>${TABLE(ROWS_MARK)}`,
      `<p><span><div></div></span></p>${TABLE(ROWS_MARK)}`,
      // takes the rest of the page as text or as a comment
      `${TABLE(ROWS_MARK)}<plaintext>`,
      `${TABLE(ROWS_MARK)}<textarea>`,
      `${TABLE(ROWS_MARK)}<title>`,
      `${TABLE(ROWS_MARK)}<noscript>`,
      `${TABLE(ROWS_MARK)}<!--`,
      `${TABLE(ROWS_MARK)}<!-- x -->`,
      // attributes on the page's own body and html
      `<body inert>${TABLE(ROWS_MARK)}`,
      `<html class="x">${TABLE(ROWS_MARK)}`,
      // the app's root and the document's methods (named access), found before the app's own
      `<div id="app">${TABLE(ROWS_MARK)}</div>`,
      `<img name="querySelector">${TABLE(ROWS_MARK)}`,
      `<div name="querySelector">${TABLE(ROWS_MARK)}</div>`,
      // handlers, styles and links in spellings a deny-list misses
      `<div class="a"/onclick="x()">${TABLE(ROWS_MARK)}</div>`,
      `<div class="a"style="color:red">${TABLE(ROWS_MARK)}</div>`,
      `<a href="java&#115;cript:alert(1)">${TABLE(ROWS_MARK)}</a>`,
      `<a href="https://evil.example/" target="_blank">x</a>${TABLE(ROWS_MARK)}`,
      `<a href="data:text/html,x">x</a>${TABLE(ROWS_MARK)}`,
      `<META	http-equiv="refresh" content="0">${TABLE(ROWS_MARK)}`,
      `<svg><animate attributeName="href" to="javascript:x"></animate></svg>${TABLE(ROWS_MARK)}`,
      `<svg><a href="#x"><path d="M0"></path></a></svg>${TABLE(ROWS_MARK)}`,
      `<math><mi>x</mi></math>${TABLE(ROWS_MARK)}`,
      `<img src="app://desk/x.png" srcset="x 1x">${TABLE(ROWS_MARK)}`,
      `<svg xlink:href="x"></svg>${TABLE(ROWS_MARK)}`,
      // text the parser moves out of a table
      `<table><tbody>x${ROWS_MARK}</tbody></table>`,
      // the rows mark where rows cannot go, or in an attribute as well
      `<div>${ROWS_MARK}</div>`,
      `<table title="${ROWS_MARK}"><tbody></tbody></table>`
    ]
    for (const shell of shells) expect(accepts({ shell }), shell).toBe(false)
    const rows = [
      `${ROW}</tbody></table></div><a href="https://evil.example/">x</a>`,
      `<tr><td>${rowToken('name')}</td>`,
      `<tr><td ${rowToken('name')}>x</td></tr>`,
      `<td>${rowToken('name')}</td>`,
      `<div>${rowToken('name')}</div>`,
      `<tr id="app"><td>x</td></tr>`
    ]
    for (const rowOther of rows) expect(accepts({ rowOther }), rowOther).toBe(false)
  })
})
