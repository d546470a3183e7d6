import { computed, useAttrs, type ComputedRef, type HTMLAttributes } from 'vue'

/**
 * For a component that wraps a native control (inheritAttrs: false): its class and style stay on
 * the wrapper, every other attribute and listener (data-test, aria-label, @keydown) goes on the
 * control, as Element Plus's inputs do.
 */
export function useSplitAttrs(): {
  box: { readonly class: HTMLAttributes['class']; readonly style: HTMLAttributes['style'] }
  control: ComputedRef<Record<string, unknown>>
} {
  const attrs = useAttrs()
  const control = computed(() => {
    const { class: _class, style: _style, ...rest } = attrs
    return rest
  })
  return {
    box: {
      get class() {
        return attrs.class as HTMLAttributes['class']
      },
      get style() {
        return attrs.style as HTMLAttributes['style']
      }
    },
    control
  }
}
