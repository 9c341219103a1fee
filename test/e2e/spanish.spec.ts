/**
 * Hearth in Spanish: a browser whose language is Spanish (Spain) gets Hearth's words in
 * Spanish from the first screen, the crisis panel shows Spain's lines, and the language
 * setting switches the whole window to English and back.
 */
import { expect, test } from './fixtures';

test('a Spanish browser gets Hearth in Spanish, with Spain’s crisis lines', async ({
  hearth,
  browser,
}) => {
  const host = await hearth.startHost('lucia');
  const context = await browser.newContext({ locale: 'es-ES' });
  try {
    const { page } = await hearth.openPage(host, 'lucia', context);
    await expect(
      page.getByRole('heading', { name: 'Te damos la bienvenida a Hearth' }),
    ).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');

    await page.getByLabel('Nombre del círculo').fill('Círculo de los jueves');
    await page.getByLabel('Tu nombre en este círculo').fill('Lucía');
    await page.getByRole('button', { name: 'Crear el círculo' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nuestros acuerdos' })).toBeVisible();
    await page.getByRole('button', { name: 'Acepto mantener estos acuerdos' }).click();
    await expect(
      page.getByRole('heading', { name: 'Círculo de los jueves aún no tiene reuniones' }),
    ).toBeVisible();

    await page.getByRole('button', { name: '¿Necesitas apoyo ahora?' }).click();
    const panel = page.getByRole('dialog', { name: '¿Necesitas apoyo ahora?' });
    await expect(panel.getByLabel('Dónde estás')).toHaveValue('ES');
    await expect(panel.getByText('Si estás en peligro inmediato, llama al 112.')).toBeVisible();
    await expect(panel.getByRole('heading', { name: /Líneas en España/ })).toBeVisible();
    await expect(panel.getByRole('link', { name: 'Llamar al 024' })).toHaveAttribute(
      'href',
      'tel:024',
    );
    await panel.getByRole('button', { name: 'Cerrar' }).click();

    await page.getByRole('button', { name: 'Ajustes' }).click();
    const settings = page.getByRole('dialog', { name: 'Ajustes' });
    await settings.getByLabel('English').check();
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page
      .getByRole('dialog', { name: 'Settings' })
      .getByLabel('Same as this computer')
      .check();
    await expect(page.getByRole('dialog', { name: 'Ajustes' })).toBeVisible();

    // The choice is kept: after a reload, still Spanish (the system's language).
    await page.reload();
    await expect(
      page.getByRole('heading', { name: 'Círculo de los jueves aún no tiene reuniones' }),
    ).toBeVisible();
  } finally {
    await context.close();
  }
});
