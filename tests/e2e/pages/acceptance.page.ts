import type { Locator, Page } from 'playwright-core'

type Party = 'customer' | 'implementer'

/** The acceptance form page: fields, conclusion, signature pads and the header actions. */
export class AcceptancePage {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.locator('[data-test="acceptance-page"]')
  }

  input(dataTest: string): Locator {
    return this.page.locator(`input[data-test="${dataTest}"], textarea[data-test="${dataTest}"]`)
  }

  async conclusion(label: '通过' | '有条件通过' | '不通过'): Promise<void> {
    const group = this.page.locator('[data-test="conclusion"]')
    await group.locator('.el-radio-button', { hasText: new RegExp(`^${label}$`) }).click()
    await group
      .locator('.el-radio-button.is-active', { hasText: new RegExp(`^${label}$`) })
      .waitFor()
  }

  async date(dataTest: string, value: string): Promise<void> {
    // the picker puts the attribute on its input or on its wrapper, depending on the version
    const input = this.page
      .locator(`input[data-test="${dataTest}"], [data-test="${dataTest}"] input`)
      .first()
    await input.fill(value)
    await input.press('Enter')
    await this.page.keyboard.press('Escape')
  }

  /** Opens the party's pad and draws a stroke with the mouse: down, several moves, up. */
  async drawSignature(party: Party): Promise<void> {
    await this.page.locator(`[data-test="draw-${party}"]`).click()
    const canvas = this.page.locator(`[data-test="signature-${party}"] canvas`)
    await canvas.scrollIntoViewIfNeeded()
    const box = await canvas.boundingBox()
    if (!box) throw new Error(`no signature canvas for ${party}`)
    const at = (fx: number, fy: number) =>
      [box.x + box.width * fx, box.y + box.height * fy] as const
    // two strokes: a looping name and an underline
    await this.page.mouse.move(...at(0.15, 0.55))
    await this.page.mouse.down()
    for (let i = 1; i <= 24; i++) {
      const t = i / 24
      await this.page.mouse.move(...at(0.15 + 0.6 * t, 0.55 - 0.25 * Math.sin(t * Math.PI * 4)), {
        steps: 2
      })
    }
    await this.page.mouse.up()
    await this.page.mouse.move(...at(0.2, 0.78))
    await this.page.mouse.down()
    await this.page.mouse.move(...at(0.7, 0.74), { steps: 8 })
    await this.page.mouse.up()
    await this.page.locator(`[data-test="signature-${party}"] .pending-note`).waitFor()
  }

  async save(): Promise<void> {
    await this.page.locator('[data-test="save-form"]').click()
    await this.page.locator('.el-message--success', { hasText: '草稿已保存' }).last().waitFor()
  }

  async more(command: 'verify-file' | 'attach-scan'): Promise<void> {
    await this.page.locator('[data-test="more-actions"]').click()
    await this.page.locator(`[data-test="${command}"]:visible`).click()
  }

  /** Chooses a checklist row's result by hand (it becomes the implementer's decision). */
  async decideRow(rowKey: string, label: '通过' | '不通过' | '不适用'): Promise<void> {
    // the previous row's list must be gone, or its fading items are found first
    const open = this.page.locator('.el-select-dropdown:visible')
    await open.first().waitFor({ state: 'hidden' })
    await this.page.locator(`[data-test="check-${rowKey}"] [data-test="check-result"]`).click()
    await open.locator('.el-select-dropdown__item', { hasText: label }).click()
    await this.page.locator(`[data-test="check-${rowKey}"] [data-test="decided-by"]`).waitFor()
  }

  errors(): Locator {
    return this.root().locator('.el-form-item.is-error')
  }
}
