import { expect, focusedEditor, openTemplate, primary, problems, replaceLine, test, unsavedMark } from './fixtures.js'

const NEGATIVE_SURVEY = 'Negative survey → Zendesk ticket'

test('the preview follows every edit, and a broken output is located in the editor and the Problems list', async ({ app }) => {
  await openTemplate(app, NEGATIVE_SURVEY)
  const body = app.getByLabel('Request body')
  await expect(body).toContainText('"subject": "Alice rated us 2/10"')

  await replaceLine(app, '"subject"', '"subject": "Hello {{${first_name} | json_escape}}",')
  await expect(body).toContainText('"subject": "Hello Alice"')
  await expect(unsavedMark(app, NEGATIVE_SURVEY)).toBeVisible()

  await replaceLine(app, '"subject"', '"subject": "Hello {{${first_name} | json_escape}",')
  const problem = problems(app).getByRole('button', { name: /16:23.*never closed/ })
  await expect(problem).toBeVisible()
  await expect(problem).toContainText('Error')

  // The squiggle sits on line 16, where the Problems list says.
  const squiggle = app.locator('.monaco-editor .squiggly-error').first()
  await expect(squiggle).toBeVisible()
  const lineNumber = app.locator('.monaco-editor .line-numbers', { hasText: /^16$/ })
  const [squiggleBox, lineBox] = [await squiggle.boundingBox(), await lineNumber.boundingBox()]
  expect(Math.abs(squiggleBox!.y - lineBox!.y)).toBeLessThan(lineBox!.height)

  await app.locator('.monaco-editor .view-line', { hasText: '"external_id"' }).click()
  await expect(app.getByLabel('Cursor position')).not.toHaveText('Ln 16, Col 23')
  await problem.click()
  await expect(app.getByLabel('Cursor position')).toHaveText('Ln 16, Col 23')
  await expect(focusedEditor(app)).toBeVisible()
})

test('completion offers Braze attributes and filters', async ({ app }) => {
  await openTemplate(app, NEGATIVE_SURVEY)
  await app.locator('.monaco-editor .view-line', { hasText: '"external_id"' }).click()
  await app.keyboard.press('End')
  await app.keyboard.press('Enter')
  // At a person's pace: each keystroke is handled (auto-closing, suggestions) before the next.
  await app.keyboard.type('{{$', { delay: 80 })
  const suggestions = app.locator('.monaco-editor .suggest-widget')
  await expect(suggestions.getByRole('option', { name: /\$\{first_name\}/ })).toBeVisible()
  await app.keyboard.press('Enter')
  await app.keyboard.type(' | json', { delay: 80 })
  await expect(suggestions.getByRole('option', { name: /json_escape/ })).toBeVisible()
  await app.keyboard.press('Enter')
  // Anchored: the template already writes this expression inside a longer line elsewhere.
  await expect(app.locator('.monaco-editor .view-line', { hasText: /^\s*\{\{\$\{first_name\}\s\|\sjson_escape\}\}\s*$/ })).toBeVisible()
})

test('Ctrl+S saves the file; a file changed on disk is never overwritten without asking', async ({ app, workspace }) => {
  const path = 'templates/negative-survey-to-zendesk.liquid'
  await openTemplate(app, NEGATIVE_SURVEY)
  await replaceLine(app, '"public"', '"public": true')
  await app.keyboard.press(`${primary}+s`)
  await expect(unsavedMark(app, NEGATIVE_SURVEY)).toBeHidden()
  expect(await workspace.read(path)).toContain('"public": true\n')

  // Someone else edits the file; our next save must be refused and explained.
  const theirs = (await workspace.read(path)).replace('"priority"', '"type": "problem",\n    "priority"')
  await workspace.write(path, theirs)
  await replaceLine(app, '"public"', '"public": false')
  await app.keyboard.press(`${primary}+s`)
  const dialog = app.getByRole('alertdialog', { name: /changed on disk/ })
  await expect(dialog).toContainText('changed outside Hookbench')
  expect(await workspace.read(path)).toBe(theirs)

  await dialog.getByRole('button', { name: 'Reload from disk' }).click()
  await expect(dialog).toBeHidden()
  await expect(app.locator('.monaco-editor .view-line', { hasText: '"type"' })).toBeVisible()
  expect(await workspace.read(path)).toBe(theirs)

  await replaceLine(app, '"public"', '"public": false')
  await app.keyboard.press(`${primary}+s`)
  await expect(unsavedMark(app, NEGATIVE_SURVEY)).toBeHidden()
  expect(await workspace.read(path)).toContain('"type": "problem"')
  expect(await workspace.read(path)).toContain('"public": false')
})

test('overwriting after a conflict keeps my version', async ({ app, workspace }) => {
  const path = 'templates/negative-survey-to-zendesk.liquid'
  await openTemplate(app, NEGATIVE_SURVEY)
  await workspace.write(path, (await workspace.read(path)).replace('rated us', 'scored'))
  await replaceLine(app, '"public"', '"public": true')
  await app.keyboard.press(`${primary}+s`)
  await app.getByRole('alertdialog', { name: /changed on disk/ }).getByRole('button', { name: 'Overwrite' }).click()
  await expect(unsavedMark(app, NEGATIVE_SURVEY)).toBeHidden()
  const saved = await workspace.read(path)
  expect(saved).toContain('"public": true')
  expect(saved).toContain('rated us')
})

test('leaving with unsaved changes is held until the user confirms; with nothing unsaved, nothing asks', async ({ app }) => {
  await openTemplate(app, NEGATIVE_SURVEY)
  const asked: string[] = []
  app.on('dialog', (dialog) => {
    asked.push(dialog.type())
    void dialog.dismiss()
  })
  await app.reload()
  await expect(app.locator('[data-app-state="loaded"]')).toBeVisible()
  expect(asked).toEqual([])

  await openTemplate(app, NEGATIVE_SURVEY)
  await replaceLine(app, '"public"', '"public": true')
  await expect(unsavedMark(app, NEGATIVE_SURVEY)).toBeVisible()
  // Dismissed: the page stays, edits and all.
  await app.reload({ timeout: 2000 }).catch(() => undefined)
  expect(asked).toEqual(['beforeunload'])
  await expect(unsavedMark(app, NEGATIVE_SURVEY)).toBeVisible()
})
