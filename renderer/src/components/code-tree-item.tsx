// One code in the sidebar's codebook, with its sub-codes: swatch, name (click filters the list,
// F2 or double-click renames), its 1–9 key, its highlight count and a menu of the rest. Rows can
// be dragged onto another code to nest them.
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { Code } from '../../../shared/contract.ts';
import type { CodeTree } from '../lib/code-tree.ts';
import { ColorPicker } from './color-picker.tsx';

export type CodeAction = 'add-child' | 'rename' | 'memo' | 'move' | 'merge' | 'delete';

const MENU: { action: CodeAction; label: string }[] = [
  { action: 'add-child', label: 'Add sub-code' },
  { action: 'rename', label: 'Rename' },
  { action: 'memo', label: 'Memo…' },
  { action: 'move', label: 'Move to…' },
  { action: 'merge', label: 'Merge into…' },
  { action: 'delete', label: 'Delete…' },
];

export const CODE_DRAG_TYPE = 'application/x-quire-code';

/** What every row shares: the tree, what is open or being edited, and what to do. */
export interface CodeRowContext {
  tree: CodeTree;
  keyOf: ReadonlyMap<number, number>;
  collapsed: ReadonlySet<number>;
  toggleCollapsed(id: number): void;
  /** Paths of the codes the list is filtered by. */
  activePaths: ReadonlySet<string>;
  onFilter(code: Code): void;
  renamingId: number | null;
  onRename(code: Code, name: string | null): void;
  menuId: number | null;
  setMenuId(id: number | null): void;
  colorId: number | null;
  setColorId(id: number | null): void;
  onColor(code: Code, color: string): void;
  onAction(action: CodeAction, code: Code): void;
  /** A code dropped on another (or on the root area, parent null). */
  onDrop(codeId: number, parentId: number | null): void;
  /** Rendered under a code's children: the "new sub-code" field while adding one. */
  renderAdd(parentId: number): ReactNode;
}

function RenameField({ code, onDone }: { code: Code; onDone(name: string | null): void }) {
  const [value, setValue] = useState(code.name);
  const done = useRef(false);
  const finish = (name: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(name);
  };
  return (
    <input
      className="code-rename"
      aria-label={`New name for ${code.name}`}
      value={value}
      dir="auto"
      autoFocus
      onFocus={(e) => e.target.select()}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(value.trim() && value.trim() !== code.name ? value.trim() : null);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          finish(null);
        }
      }}
      onBlur={() => finish(value.trim() && value.trim() !== code.name ? value.trim() : null)}
    />
  );
}

function CodeMenu({ code, ctx }: { code: Code; ctx: CodeRowContext }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node) && !(e.target as Element).closest?.('.code-menu-button')) ctx.setMenuId(null);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [ctx]);
  return (
    <div
      className="code-menu"
      role="menu"
      aria-label={`Actions for ${code.name}`}
      ref={box}
      onKeyDown={(e) => {
        const items = Array.from(box.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
        const at = items.indexOf(document.activeElement as HTMLButtonElement);
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          ctx.setMenuId(null);
          document.querySelector<HTMLElement>(`[data-code-menu="${code.id}"]`)?.focus();
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          e.stopPropagation();
          items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
        }
      }}
    >
      {MENU.map((m) => (
        <button
          key={m.action}
          type="button"
          role="menuitem"
          className={m.action === 'delete' ? 'is-danger' : undefined}
          onClick={() => {
            ctx.setMenuId(null);
            ctx.onAction(m.action, code);
          }}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}

export function CodeTreeItem({ code, depth, ctx }: { code: Code; depth: number; ctx: CodeRowContext }) {
  const [dropping, setDropping] = useState(false);
  const children = ctx.tree.children.get(code.id) ?? [];
  const open = !ctx.collapsed.has(code.id);
  const key = ctx.keyOf.get(code.id);
  const active = ctx.activePaths.has(code.path);

  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes(CODE_DRAG_TYPE)) return;
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = 'move';
    setDropping(true);
  };
  const onDrop = (e: DragEvent) => {
    setDropping(false);
    const dragged = Number(e.dataTransfer.getData(CODE_DRAG_TYPE));
    if (!dragged) return;
    e.preventDefault();
    e.stopPropagation();
    if (dragged !== code.id) ctx.onDrop(dragged, code.id);
  };

  return (
    <li className="code-node" data-code-id={code.id}>
      <div
        className={`code-row${active ? ' is-active' : ''}${dropping ? ' is-drop-target' : ''}`}
        style={{ paddingInlineStart: 4 + depth * 14 }}
        draggable={ctx.renamingId !== code.id}
        onDragStart={(e) => {
          e.dataTransfer.setData(CODE_DRAG_TYPE, String(code.id));
          e.dataTransfer.effectAllowed = 'move';
        }}
        onDragOver={onDragOver}
        onDragLeave={() => setDropping(false)}
        onDrop={onDrop}
        title={code.description ?? undefined}
      >
        {children.length > 0 ? (
          <button type="button" className="code-disclosure" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${code.name}`} onClick={() => ctx.toggleCollapsed(code.id)}>
            <span className={`disclosure${open ? ' is-open' : ''}`} aria-hidden="true">
              ›
            </span>
          </button>
        ) : (
          <span className="code-disclosure" aria-hidden="true" />
        )}
        <button
          type="button"
          className="code-swatch"
          style={{ background: code.color }}
          aria-label={`Colour of ${code.name}`}
          aria-expanded={ctx.colorId === code.id}
          onClick={() => ctx.setColorId(ctx.colorId === code.id ? null : code.id)}
        />
        {ctx.renamingId === code.id ? (
          <RenameField code={code} onDone={(name) => ctx.onRename(code, name)} />
        ) : (
          <button
            type="button"
            className="code-name"
            aria-pressed={active}
            aria-label={`${code.name}${key ? `, key ${key}` : ''}, ${code.highlights} ${code.highlights === 1 ? 'highlight' : 'highlights'}`}
            onClick={() => ctx.onFilter(code)}
            onDoubleClick={() => ctx.onAction('rename', code)}
            onKeyDown={(e) => {
              if (e.key === 'F2') {
                e.preventDefault();
                ctx.onAction('rename', code);
              }
            }}
          >
            <span className="code-label" dir="auto">
              {code.name}
            </span>
            {code.description && (
              <span className="code-memo-mark" aria-hidden="true" title={code.description}>
                ✎
              </span>
            )}
            {key !== undefined && (
              <kbd className="code-key" aria-hidden="true">
                {key}
              </kbd>
            )}
            <span className="count code-count" aria-hidden="true">
              {code.highlights.toLocaleString('en-US')}
            </span>
          </button>
        )}
        <button
          type="button"
          className="icon-button subtle code-menu-button"
          data-code-menu={code.id}
          aria-label={`More actions for ${code.name}`}
          aria-haspopup="menu"
          aria-expanded={ctx.menuId === code.id}
          onClick={() => ctx.setMenuId(ctx.menuId === code.id ? null : code.id)}
        >
          ⋯
        </button>
      </div>
      {ctx.menuId === code.id && <CodeMenu code={code} ctx={ctx} />}
      {ctx.colorId === code.id && (
        <ColorPicker
          label={`Colour of ${code.name}`}
          value={code.color}
          onPick={(c) => ctx.onColor(code, c)}
          onClose={() => ctx.setColorId(null)}
        />
      )}
      {(open || children.length === 0) && (
        <ul className="code-children">
          {open && children.map((c) => <CodeTreeItem key={c.id} code={c} depth={depth + 1} ctx={ctx} />)}
          {ctx.renderAdd(code.id)}
        </ul>
      )}
    </li>
  );
}
