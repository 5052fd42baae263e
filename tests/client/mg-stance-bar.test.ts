import { html } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/components/mg-stance-bar/mg-stance-bar.ts'
import type { MgStanceBar } from '../../client/components/mg-stance-bar/mg-stance-bar.ts'
import { deepQuery, deepQueryAll, fixture, textOf } from './helpers.ts'

const widths = (bar: MgStanceBar) =>
  Object.fromEntries(
    deepQueryAll<SVGRectElement>(bar, 'rect:not(.track)').map((r) => [r.getAttribute('class'), Number(r.getAttribute('width'))]),
  )

describe('mg-stance-bar', () => {
  it('draws each stance in proportion to its count', async () => {
    const bar = await fixture<MgStanceBar>(html`<mg-stance-bar .pro=${3} .contra=${1} .other=${0}></mg-stance-bar>`)
    expect(widths(bar)).toEqual({ pro: 75, contra: 25 })
  })

  it('says what it shows in words, for arguments and for positions', async () => {
    const args = await fixture<MgStanceBar>(html`<mg-stance-bar .pro=${3} .contra=${1} .other=${2}></mg-stance-bar>`)
    expect(deepQuery(args, '[role=img]').getAttribute('aria-label')).toBe('Arguments: 3 pro, 1 contra, 2 neutral')
    const positions = await fixture<MgStanceBar>(html`<mg-stance-bar kind="positions" .pro=${0} .contra=${4} .other=${1}></mg-stance-bar>`)
    expect(deepQuery(positions, '[role=img]').getAttribute('aria-label')).toBe("Readers' positions: 0 pro, 4 contra, 1 undecided")
    expect(widths(positions)).toEqual({ contra: 80, other: 20 })
  })

  it('shows an empty track and says so when nothing is counted yet', async () => {
    const bar = await fixture<MgStanceBar>(html`<mg-stance-bar></mg-stance-bar>`)
    expect(widths(bar)).toEqual({})
    expect(deepQuery(bar, '[role=img]').getAttribute('aria-label')).toBe('No arguments yet')
  })

  it('updates when the counts change', async () => {
    const bar = await fixture<MgStanceBar>(html`<mg-stance-bar .pro=${1} .contra=${1}></mg-stance-bar>`)
    bar.contra = 3
    await bar.updateComplete
    expect(widths(bar)).toEqual({ pro: 25, contra: 75 })
    expect(deepQuery(bar, '[role=img]').getAttribute('aria-label')).toContain('3 contra')
  })

  it('prints the numbers with signs when detailed', async () => {
    const bar = await fixture<MgStanceBar>(html`<mg-stance-bar detailed .pro=${2} .contra=${5} .other=${1}></mg-stance-bar>`)
    expect(textOf(bar)).toBe('+2 −5 ○1')
  })
})
