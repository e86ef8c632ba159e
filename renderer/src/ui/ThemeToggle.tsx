import { THEME_CHOICES, useThemeChoice, type ThemeChoice } from './theme';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const ICONS: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

/** Light / dark / system, as a radio group (one Tab stop, arrows move between the three). */
export function ThemeToggle() {
  const [choice, setChoice] = useThemeChoice();
  return (
    <div className="theme-toggle" role="radiogroup" aria-label="Theme">
      {THEME_CHOICES.map((option) => (
        <label
          key={option}
          className={option === choice ? 'checked' : undefined}
          title={`${LABELS[option]} theme`}
        >
          <input
            type="radio"
            name="runlens-theme"
            value={option}
            checked={option === choice}
            onChange={() => setChoice(option)}
          />
          <span aria-hidden="true">{ICONS[option]}</span>
          <span className="visually-hidden">{LABELS[option]}</span>
        </label>
      ))}
    </div>
  );
}
