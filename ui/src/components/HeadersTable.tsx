// Every header line in the order it arrived, as sent (folded lines joined, not decoded).
export function HeadersTable({ headers }: { headers: Array<[name: string, value: string]> }) {
  return (
    <table class="headers">
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={index}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
