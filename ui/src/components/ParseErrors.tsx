export function ParseErrors({ errors }: { errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="banner warning" role="alert">
      <strong>This message did not parse cleanly:</strong>
      <ul>
        {errors.map((error) => (
          <li key={error}>{error}</li>
        ))}
      </ul>
    </div>
  );
}
