// The codebook in the sidebar: the code tree with colours, memos and highlight counts; add, rename,
// recolour, nest (drag or "Move to…"), merge and delete. Clicking a code filters the results to
// entries with highlights carrying it or any of its sub-codes. Every change goes through the core,
// so Ctrl/Cmd+Z undoes it and other windows see it. In the annotations view a click filters the
// highlights instead.
import { memo, useMemo, useRef, useState, type DragEvent } from 'react';
import type { Code, SaveCodeRequest } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { codeTree, nextColor } from '../lib/code-tree.ts';
import { errorMessage } from '../lib/errors.ts';
import { CodeDeleteDialog } from './code-delete-dialog.tsx';
import { CodeMemoDialog } from './code-memo-dialog.tsx';
import { CodePickDialog } from './code-pick-dialog.tsx';
import { CODE_DRAG_TYPE, CodeTreeItem, type CodeAction, type CodeRowContext } from './code-tree-item.tsx';

interface Props {
  connection: Connection;
  codes: Code[];
  /** Paths of the codes the list (of entries or of highlights) is filtered by. */
  activePaths: readonly string[];
  onToggleCode(code: Code): void;
  /** After a change made here, so the codebook reloads at once. */
  onChanged(): void;
}

type Dialog = { kind: 'delete' | 'move' | 'merge' | 'memo'; code: Code };

function NewCodeField({ parent, onDone }: { parent: Code | null; onDone(name: string | null): void }) {
  const [name, setName] = useState('');
  const done = useRef(false);
  const finish = (value: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(value);
  };
  return (
    <li className="code-new">
      <input
        aria-label={parent ? `Name of the new sub-code of ${parent.name}` : 'Name of the new code'}
        placeholder={parent ? 'Sub-code name' : 'Code name'}
        value={name}
        dir="auto"
        autoFocus
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            finish(name.trim() || null);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            finish(null);
          }
        }}
        onBlur={() => finish(name.trim() || null)}
      />
    </li>
  );
}

/** Drawn again only when its props change (the sidebar keeps them stable while typing). */
export const Codebook = memo(CodebookTree);

function CodebookTree({ connection, codes, activePaths, onToggleCode, onChanged }: Props) {
  const tree = useMemo(() => codeTree(codes), [codes]);
  // The reader's keys 1–9 apply the first nine codes in codebook order.
  const keyOf = useMemo(() => new Map(codes.slice(0, 9).map((c, i) => [c.id, i + 1])), [codes]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const [renamingId, setRenamingId] = useState<number | null>(null);
  const [menuId, setMenuId] = useState<number | null>(null);
  const [colorId, setColorId] = useState<number | null>(null);
  const [adding, setAdding] = useState<{ parentId: number | null } | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [rootDrop, setRootDrop] = useState(false);

  const run = (p: Promise<unknown>, done?: string) =>
    p.then(
      () => {
        onChanged();
        setMessage(done ? { text: done, error: false } : null);
      },
      (e: unknown) => setMessage({ text: errorMessage(e), error: true }),
    );
  const save = (req: SaveCodeRequest, done?: string) => run(connection.api.saveCode(req), done);

  const expand = (id: number) =>
    setCollapsed((s) => {
      if (!s.has(id)) return s;
      const next = new Set(s);
      next.delete(id);
      return next;
    });

  const ctx: CodeRowContext = {
    tree,
    keyOf,
    collapsed,
    toggleCollapsed: (id) =>
      setCollapsed((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    activePaths: new Set(activePaths),
    onFilter: onToggleCode,
    renamingId,
    onRename: (c, name) => {
      setRenamingId(null);
      if (name) void save({ id: c.id, name });
    },
    menuId,
    setMenuId,
    colorId,
    setColorId,
    onColor: (c, color) => void save({ id: c.id, color }),
    onAction: (action: CodeAction, c) => {
      setMessage(null);
      if (action === 'rename') setRenamingId(c.id);
      else if (action === 'add-child') {
        expand(c.id);
        setAdding({ parentId: c.id });
      } else setDialog({ kind: action, code: c });
    },
    onDrop: (id, parentId) => {
      setDragging(false);
      const code = tree.byId.get(id);
      if (!code || code.parentId === parentId) return;
      if (parentId !== null) expand(parentId);
      const target = parentId === null ? null : tree.byId.get(parentId);
      void save({ id, parentId }, target ? `Moved “${code.name}” under “${target.name}”.` : `Moved “${code.name}” to the top level.`);
    },
    renderAdd: (parentId) => (adding?.parentId === parentId ? <NewCodeField parent={tree.byId.get(parentId) ?? null} onDone={(name) => create(name, parentId)} /> : null),
  };

  const create = (name: string | null, parentId: number | null) => {
    setAdding(null);
    if (name) void save(parentId === null ? { name, parentId: null, color: nextColor(codes) } : { name, parentId, color: tree.byId.get(parentId)?.color ?? nextColor(codes) });
  };

  const onRootDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes(CODE_DRAG_TYPE)) return;
    e.preventDefault();
    setRootDrop((e.target as Element).closest?.('.code-root-drop') != null);
  };
  const onRootDrop = (e: DragEvent) => {
    setRootDrop(false);
    const id = Number(e.dataTransfer.getData(CODE_DRAG_TYPE));
    if (!id) return;
    e.preventDefault();
    ctx.onDrop(id, null);
  };

  return (
    // Anywhere in the codebook but on a code counts as the root area (rows take their own drops).
    <div
      className="codebook"
      onDragStart={() => setDragging(true)}
      onDragEnd={() => (setDragging(false), setRootDrop(false))}
      onDragOver={onRootDragOver}
      onDrop={onRootDrop}
    >
      {codes.length === 0 && adding === null && (
        <p className="sidebar-note">Codes name what passages are about. Add one, then select text in an entry and press 1–9 to apply it.</p>
      )}
      <ul className="code-tree" aria-label="Codes">
        {tree.roots.map((c) => (
          <CodeTreeItem key={c.id} code={c} depth={0} ctx={ctx} />
        ))}
        {adding?.parentId === null && <NewCodeField parent={null} onDone={(name) => create(name, null)} />}
      </ul>
      {dragging && (
        <div className={`code-root-drop${rootDrop ? ' is-drop-target' : ''}`} onDragLeave={() => setRootDrop(false)} data-testid="code-root-drop">
          Drop here to make it a top-level code
        </div>
      )}
      {message && (
        <p className={message.error ? 'sidebar-note inline-error' : 'sidebar-note'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <div className="sidebar-actions">
        <button type="button" className="text-button small" onClick={() => (setMessage(null), setAdding({ parentId: null }))} disabled={adding !== null}>
          Add code
        </button>
      </div>
      {dialog?.kind === 'delete' && (
        <CodeDeleteDialog
          connection={connection}
          code={dialog.code}
          tree={tree}
          onClose={() => setDialog(null)}
          onDone={(text) => {
            onChanged();
            setDialog(null);
            setMessage({ text, error: false });
          }}
        />
      )}
      {(dialog?.kind === 'move' || dialog?.kind === 'merge') && (
        <CodePickDialog
          kind={dialog.kind}
          code={dialog.code}
          tree={tree}
          onClose={() => setDialog(null)}
          onPick={async (target) => {
            const code = dialog.code;
            const into = target === null ? null : tree.byId.get(target);
            if (dialog.kind === 'move') {
              await connection.api.saveCode({ id: code.id, parentId: target });
              if (target !== null) expand(target);
              setMessage({ text: into ? `Moved “${code.name}” under “${into.name}”.` : `Moved “${code.name}” to the top level.`, error: false });
            } else if (target !== null) {
              await connection.api.mergeCodes({ from: code.id, into: target });
              setMessage({ text: `Merged “${code.name}” into “${into?.name ?? ''}”.`, error: false });
            }
            onChanged();
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === 'memo' && (
        <CodeMemoDialog
          code={dialog.code}
          onClose={() => setDialog(null)}
          onSave={async (description) => {
            await connection.api.saveCode({ id: dialog.code.id, description });
            onChanged();
            setDialog(null);
          }}
        />
      )}
    </div>
  );
}
