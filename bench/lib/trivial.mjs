// The cold-start floor: a module that does nothing.
export class Nothing {
  constructor(options) {
    this.options = options;
  }
}
