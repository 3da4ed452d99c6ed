/**
 * Checks an NHS number's Modulus 11 check digit.
 *
 * @param digits - exactly ten digits, no spaces
 * @returns true when the tenth digit is the Modulus 11 check digit of the first nine
 * @example isValidNhsNumber("9434765919") // true
 */
export function isValidNhsNumber(digits: string): boolean {
  // A type guard of sorts: anything but ten digits is false, never a TypeError from test().
  if (typeof digits !== "string" || !/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/**
 * Formats ten digits the way NHS numbers are shown: 3-3-4.
 *
 * @example formatNhsNumber("9434765919") // "943 476 5919"
 */
export function formatNhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
