/** A modal dialog on the native <dialog>: focus stays inside, Escape cancels, focus returns afterwards. */
import { useEffect, useId, useRef, type ReactNode } from 'react'

interface Props {
  title: string
  onCancel(): void
  children: ReactNode
  /** `alertdialog` for confirmations that interrupt (delete, production, conflict). */
  role?: 'dialog' | 'alertdialog'
  /** Extra class, e.g. `wide` for forms with text areas. */
  className?: string
}

export function Modal({ title, onCancel, children, role = 'dialog', className }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const cancel = useRef(onCancel)
  cancel.current = onCancel

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const previous = document.activeElement as HTMLElement | null
    dialog.showModal()
    const onCancelEvent = (event: Event) => {
      event.preventDefault()
      cancel.current()
    }
    dialog.addEventListener('cancel', onCancelEvent)
    return () => {
      dialog.removeEventListener('cancel', onCancelEvent)
      dialog.close()
      previous?.focus()
    }
  }, [])

  return (
    <dialog ref={ref} className={className ? `modal ${className}` : 'modal'} role={role} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  )
}
