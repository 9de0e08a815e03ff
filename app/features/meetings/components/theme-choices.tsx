import type { Theme } from "~/features/meetings/profiles.server";
import { useLanguage } from "~/lib/use-language";

/** The edition's themes as checkboxes named `theme`, those in `chosen` ticked. */
export function ThemeChoices({ themes, chosen }: { themes: readonly Theme[]; chosen: readonly number[] }) {
  const language = useLanguage();
  return (
    <ul className="choices">
      {themes.map((theme) => (
        <li key={theme.id}>
          <label>
            <input type="checkbox" name="theme" value={theme.id} defaultChecked={chosen.includes(theme.id)} /> {theme.label[language]}
          </label>
        </li>
      ))}
    </ul>
  );
}
