// dcmjs ships no types; Jimu uses only its data dictionary.
declare module 'dcmjs' {
  const dcmjs: { data: { DicomMetaDictionary: { dictionary: Record<string, { vr: string; name: string } | undefined> } } };
  export default dcmjs;
}
