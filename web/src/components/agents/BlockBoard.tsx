/**
 * Personality blocks (traits, topics): drag a block from the palette into the agent's list,
 * drag within the list to reorder, drag back to the palette to remove. Every move also has a
 * button (add, move up, move down, remove), so a keyboard or a screen reader does the same
 * without dragging; each change is announced.
 */
import { type DragEvent, type FormEvent, useRef, useState } from 'react';

const MIME = 'application/x-smile-block';

interface Dragged {
  from: 'palette' | 'list';
  value: string;
}

export interface BlockBoardProps {
  /** Plural, lower case: "traits", "topics". */
  noun: string;
  /** Singular, for button labels: "trait". */
  one: string;
  suggestions: readonly string[];
  items: string[];
  max: number;
  maxChars: number;
  onChange(items: string[]): void;
}

export function BlockBoard({ noun, one, suggestions, items, max, maxChars, onChange }: BlockBoardProps) {
  const dragged = useRef<Dragged | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [custom, setCustom] = useState('');
  const palette = [...new Set(suggestions)].filter((s) => !items.includes(s));
  const full = items.length >= max;

  const change = (next: string[], message: string) => {
    onChange(next);
    setAnnouncement(message);
  };
  const insert = (value: string, at: number) => {
    const without = items.filter((x) => x !== value);
    const index = Math.min(at, without.length);
    if (!items.includes(value) && full) return setAnnouncement(`At most ${max} ${noun}.`);
    change([...without.slice(0, index), value, ...without.slice(index)], items.includes(value) ? `${value} moved to position ${index + 1}.` : `${value} added.`);
  };
  const remove = (value: string) => change(items.filter((x) => x !== value), `${value} removed.`);
  const move = (index: number, by: -1 | 1) => insert(items[index]!, index + by);

  const start = (e: DragEvent, from: Dragged['from'], value: string) => {
    dragged.current = { from, value };
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData(MIME, value);
    e.dataTransfer.setData('text/plain', value);
  };
  const end = () => {
    dragged.current = null;
    setDropAt(null);
  };
  /** Over a list item: drop before it in its upper half, after it in its lower half. */
  const overItem = (e: DragEvent<HTMLElement>, index: number) => {
    if (!dragged.current) return;
    e.preventDefault();
    e.stopPropagation();
    const box = e.currentTarget.getBoundingClientRect();
    setDropAt(e.clientY < box.top + box.height / 2 ? index : index + 1);
  };
  /** Over the list but no item (items stop the event): the block goes at the end. */
  const overList = (e: DragEvent) => {
    if (!dragged.current) return;
    e.preventDefault();
    setDropAt(items.length);
  };
  const dropOnList = (e: DragEvent) => {
    e.preventDefault();
    const value = dragged.current?.value ?? e.dataTransfer.getData(MIME);
    if (value) {
      const from = items.indexOf(value);
      const at = dropAt ?? items.length;
      // Moving down past its own slot: the slot shifts up once the block leaves it.
      insert(value, from >= 0 && from < at ? at - 1 : at);
    }
    end();
  };
  const dropOnPalette = (e: DragEvent) => {
    e.preventDefault();
    if (dragged.current?.from === 'list') remove(dragged.current.value);
    end();
  };

  const addCustom = (e: FormEvent) => {
    e.preventDefault();
    const value = custom.trim().slice(0, maxChars);
    if (!value) return;
    insert(value, items.length);
    setCustom('');
  };

  return (
    <div className="block-board">
      <section className="block-column" onDragOver={(e) => dragged.current?.from === 'list' && e.preventDefault()} onDrop={dropOnPalette}>
        <h3>Blocks</h3>
        <ul className="block-list block-palette" aria-label={`${capital(noun)} to choose from`}>
          {palette.map((value) => (
            <li key={value} className="block" draggable onDragStart={(e) => start(e, 'palette', value)} onDragEnd={end}>
              <span className="block-text">{value}</span>
              <button type="button" className="block-action" aria-label={`Add ${one} ${value}`} title="Add" disabled={full} onClick={() => insert(value, items.length)}>
                +
              </button>
            </li>
          ))}
          {palette.length === 0 && <li className="muted block-empty">Every suggestion is in use.</li>}
        </ul>
        <form className="block-custom" onSubmit={addCustom}>
          <label className="visually-hidden" htmlFor={`custom-${one}`}>
            Your own {one}
          </label>
          <input id={`custom-${one}`} placeholder={`Your own ${one}`} maxLength={maxChars} value={custom} onChange={(e) => setCustom(e.target.value)} />
          <button type="submit" className="button button-small" disabled={full || !custom.trim()}>
            Add
          </button>
        </form>
      </section>
      <section className="block-column block-target" onDragOver={overList} onDragLeave={(e) => !e.currentTarget.contains(e.relatedTarget as Node) && setDropAt(null)} onDrop={dropOnList}>
        <h3>
          Your agent’s {noun} <span className="muted">({items.length}/{max})</span>
        </h3>
        <ol className="block-list" aria-label={`Your agent's ${noun}`}>
          {items.map((value, index) => (
            <li
              key={value}
              className={`block block-chosen${dropAt === index ? ' block-drop-before' : ''}${dropAt === index + 1 && index === items.length - 1 ? ' block-drop-after' : ''}`}
              draggable
              onDragStart={(e) => start(e, 'list', value)}
              onDragEnd={end}
              onDragOver={(e) => overItem(e, index)}
            >
              <span className="block-handle" aria-hidden="true">
                ⠿
              </span>
              <span className="block-text">{value}</span>
              <button type="button" className="block-action" aria-label={`Move ${value} up`} title="Move up" disabled={index === 0} onClick={() => move(index, -1)}>
                ↑
              </button>
              <button type="button" className="block-action" aria-label={`Move ${value} down`} title="Move down" disabled={index === items.length - 1} onClick={() => move(index, 1)}>
                ↓
              </button>
              <button type="button" className="block-action" aria-label={`Remove ${one} ${value}`} title="Remove" onClick={() => remove(value)}>
                ✕
              </button>
            </li>
          ))}
          {items.length === 0 && <li className="muted block-empty">Drag {noun} here, or use the + buttons.</li>}
        </ol>
      </section>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
