/** A file picker that hands over the chosen file and resets, so the same file can be chosen again. */
export function FileInput({
  accept,
  testId,
  onFile,
}: {
  accept: string;
  testId: string;
  onFile: (file: File | undefined) => Promise<void>;
}) {
  return (
    <input
      type="file"
      accept={accept}
      data-testid={testId}
      onChange={(e) => {
        const input = e.target as HTMLInputElement;
        void onFile(input.files?.[0]).finally(() => (input.value = ''));
      }}
    />
  );
}
