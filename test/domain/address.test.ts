import { placeLine } from '../../src/domain/address';

describe('the place of an in-person appointment', () => {
  const rathaus = 'Rathaus Seelze, Bürgerbüro (Erdgeschoss), Rathausplatz 1, 30926 Seelze';

  it('names the office once: the room goes after the part of the location that already names it', () => {
    expect(placeLine('Bürgerbüro, Schalter 2', rathaus)).toBe(
      'Rathaus Seelze, Bürgerbüro (Erdgeschoss), Schalter 2, Rathausplatz 1, 30926 Seelze',
    );
  });

  it('puts a room the location does not mention first, as before', () => {
    expect(placeLine('Zimmer 214', 'Rathaus Seelze, 2. Obergeschoss, Rathausplatz 1')).toBe(
      'Zimmer 214, Rathaus Seelze, 2. Obergeschoss, Rathausplatz 1',
    );
    expect(placeLine(undefined, rathaus)).toBe(rathaus);
    expect(placeLine('Bürgerbüros Nord', rathaus)).toBe(`Bürgerbüros Nord, ${rathaus}`);
  });
});
